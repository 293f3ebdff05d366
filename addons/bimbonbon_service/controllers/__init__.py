from . import ticket_grade
