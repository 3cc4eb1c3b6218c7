from wagtail import hooks


@hooks.register("filter_form_submissions_for_user")
def only_people_allowed_to_read_answers(user, editable_forms):
    """Answers hold visitors' personal data: editing a form page is not enough to read them."""
    if user.has_perm("contact_forms.view_submissions"):
        return editable_forms
    return editable_forms.none()
