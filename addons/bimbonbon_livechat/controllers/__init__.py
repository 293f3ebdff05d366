from . import knowledge_article
