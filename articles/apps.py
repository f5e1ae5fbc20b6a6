from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"

    def ready(self):
        # Purge the caches when an article, series, person or the site settings change.
        from articles.cache_purge import register_signal_handlers

        register_signal_handlers()

        # Reindex the articles citing a library reference when it is corrected.
        from articles.references import search_index

        search_index.register_signal_handlers()

        # Make the renditions readers are served as soon as an image is saved.
        from articles import renditions

        renditions.register_signal_handlers()
