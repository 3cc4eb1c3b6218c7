// Reads an iCalendar file from stdin with Mozilla's ical.js, as the calendar apps built on it do
// (Thunderbird, many web calendars), and prints its events as JSON: start and end as UTC
// instants (dates for all-day events), with UID, status, sequence and summary.
// Used by events/tests/test_calendar_clients.py.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
// A time with a TZID is converted with the rules of the file's VTIMEZONE of that TZID.
const instant = (time) =>
  time.isDate ? time.toString() : time.toJSDate().toISOString().replace(".000Z", "Z");
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    start: instant(event.startDate),
    end: instant(event.endDate),
    status: component.getFirstPropertyValue("status"),
    sequence: event.sequence,
    summary: event.summary,
  };
});
process.stdout.write(JSON.stringify(events));
