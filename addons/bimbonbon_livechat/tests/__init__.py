from . import test_chatbot_assistant
from . import test_opening_hours
from . import test_chatbot_tour
from . import test_chatbot_hardening
from . import test_visitor_confirmation
