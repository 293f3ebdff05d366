from . import bimbonbon_contract
from . import bimbonbon_contract_line
from . import bimbonbon_contract_reminder
from . import account_move
from . import crm_lead
from . import mail_thread
from . import res_config_settings
from . import res_partner
