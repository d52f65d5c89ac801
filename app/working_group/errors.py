"""The Working Group's rules, named: services raise these, views show them."""

from flask_babel import lazy_gettext as _l

from app.core.errors import DomainError, NotAllowed


class AdminsOnly(NotAllowed):
    message = _l("Only administrators manage the Working Group.")


class MembersOnly(NotAllowed):
    message = _l("Only members of the Working Group can do this.")


class Missing(DomainError):
    message = _l("Fill in this field.")


class TooLong(DomainError):
    message = _l("This text is too long.")


class UnknownChoice(DomainError):
    message = _l("Choose one of the listed options.")


class TermDatesWrong(DomainError):
    message = _l("A term ends after it starts, and starts after the seat's current term "
                 "started.")


class NoSuchAccount(DomainError):
    message = _l("No account uses this address; ask the person to register first.")


class RulesDateWrong(DomainError):
    message = _l("A new version of the rules is adopted on or after the current one.")


class WrongState(DomainError):
    status = 409
    message = _l("The minutes are not at the step this action belongs to.")


class NotVotingSeat(NotAllowed):
    message = _l("Observers comment on the minutes, but do not approve them.")


class NotApprovedByAll(DomainError):
    status = 409
    message = _l("The minutes are published once every voting constituency has approved "
                 "them.")
