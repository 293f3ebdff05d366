from . import sale_order_new_date
