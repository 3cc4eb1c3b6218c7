// Reads an iCalendar file from stdin with Mozilla's ical.js, as the calendar apps built on it do
// (Thunderbird, many web calendars), and prints its events as JSON: start and end as UTC
// instants (dates for all-day events), with UID, status, sequence and summary. A recurring
// event (RRULE, RDATE, EXDATE) is expanded into its occurrences to 2101, with the entries that
// override one of them (RECURRENCE-ID) applied, as a calendar app shows them.
// Used by events/tests/test_calendar_clients.py and events/tests/test_repeat_calendars.py.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
// A time with a TZID is converted with the rules of the file's VTIMEZONE of that TZID.
const instant = (time) =>
  time.isDate ? time.toString() : time.toJSDate().toISOString().replace(".000Z", "Z");
const described = (event, component, startDate, endDate) => ({
  uid: event.uid,
  start: instant(startDate),
  end: instant(endDate),
  status: component.getFirstPropertyValue("status"),
  sequence: event.sequence,
  summary: event.summary,
});
const components = calendar.getAllSubcomponents("vevent");
const overrides = components.filter((component) => component.hasProperty("recurrence-id"));
const until = ICAL.Time.fromData({ year: 2101, month: 1, day: 1 });
const events = components
  .filter((component) => !component.hasProperty("recurrence-id"))
  .flatMap((component) => {
    const event = new ICAL.Event(component);
    for (const override of overrides) {
      if (override.getFirstPropertyValue("uid") === event.uid) {
        event.relateException(override);
      }
    }
    if (!event.isRecurring()) {
      return [described(event, component, event.startDate, event.endDate)];
    }
    const found = [];
    const iterator = event.iterator();
    for (let next = iterator.next(); next && next.compare(until) < 0; next = iterator.next()) {
      const details = event.getOccurrenceDetails(next);
      found.push(described(details.item, details.item.component, details.startDate, details.endDate));
    }
    return found;
  });
process.stdout.write(JSON.stringify(events));
