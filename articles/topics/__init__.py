"""Topics: the subjects articles are tagged with, and their pages at /topics/<slug>/.

The models (models.py), the visitors' page (views.py, urls.py, templates/articles/
topic_page.html) and the Publishers' snippet (viewsets.py) all live here.
"""
