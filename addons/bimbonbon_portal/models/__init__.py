from . import bimbonbon_registration_attempt
from . import res_partner
from . import sale_order
