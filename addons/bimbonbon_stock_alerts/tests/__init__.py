from . import test_concurrency
from . import test_cron
from . import test_departments
from . import test_query_count
from . import test_sale
from . import test_stock_alert
