from . import contract_portal
from . import portal
from . import metrics
