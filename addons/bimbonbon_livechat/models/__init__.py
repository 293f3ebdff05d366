from . import bimbonbon_registration_attempt
from . import chatbot_script
from . import chatbot_script_answer
from . import chatbot_script_step
from . import discuss_channel
from . import helpdesk_ticket
from . import knowledge_article
from . import knowledge_suggestion
