from . import chat_confirm
from . import knowledge_article
