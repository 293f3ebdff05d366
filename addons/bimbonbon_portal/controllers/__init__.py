from . import product_registration
from . import helpdesk_ticket
from . import manifest
from . import portal
from . import sale_portal
from . import product_notice
from . import service_worker
from . import ticket_resolution
