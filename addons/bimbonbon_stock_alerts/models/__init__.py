from . import bimbonbon_stock_alert
from . import bimbonbon_stock_alert_check
from . import product_template
from . import res_company
from . import res_config_settings
from . import sale_order
from . import stock_move
from . import stock_warehouse_orderpoint
