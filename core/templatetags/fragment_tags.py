"""``{% fragment "name" %}...{% endfragment %}``: a part of the live page kept between
requests (core/caching/fragments.py says when it is used and what makes it stale).

The page is the context's ``page``; nothing inside may depend on the request's user, its
query string or a per-request value such as the CSP nonce or a CSRF token.
"""

from django import template

from core.caching import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        key = fragments.fragment_key(
            context.get("request"), context.get("page"), self.name.resolve(context)
        )
        if key is None:
            return self.nodelist.render(context)
        html = fragments.get(key)
        if html is None:
            html = self.nodelist.render(context)
            fragments.store(key, html)
        return html


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError('Usage: {% fragment "name" %}...{% endfragment %}')
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), nodelist)
