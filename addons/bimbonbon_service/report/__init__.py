from . import report_lot_registration_label
