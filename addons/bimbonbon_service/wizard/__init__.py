from . import helpdesk_ticket_phone_intake
