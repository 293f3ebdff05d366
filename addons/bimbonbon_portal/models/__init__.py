from . import bimbonbon_registration_attempt
from . import product_registration
from . import res_partner
from . import res_users
from . import ir_http
from . import sale_order
from . import bimbonbon_metrics
from . import website
