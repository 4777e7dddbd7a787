"""Sphinx configuration of the docsite that `make docs` builds (tools/build-docs).

Started from what `antsibull-docs sphinx-init --use-current qualys.was` generates, changed where it would not
build offline: the only intersphinx inventory is the small one tools/docs/offline_inventory.py writes for the
labels of the Ansible documentation that antsibull-docs' pages refer to, so that those links still lead to
docs.ansible.com without fetching its inventory.
"""

project = "qualys.was"
copyright = "qualys.was contributors"
title = "qualys.was collection documentation"
html_short_title = "qualys.was"

extensions = ["sphinx.ext.intersphinx", "sphinx_antsibull_ext"]

pygments_style = "ansible"
highlight_language = "YAML+Jinja"

html_theme = "sphinx_ansible_theme"
html_show_sphinx = False
display_version = False
html_use_smartypants = True
html_use_modindex = False
html_use_index = False
html_copy_source = False
html_theme_options = {
    # Instead of the theme's default bar of Ansible's blog and forum, the two references a reader of these pages uses.
    "topbar_links": {
        "Ansible documentation": "https://docs.ansible.com/",
        "Qualys documentation": "https://docs.qualys.com/",
    },
    "show_rtd_ethical_ads": False,
}

# Relative to the generated rst/ directory; tools/build-docs writes the file beside it.
intersphinx_mapping = {
    "ansible_devel": ("https://docs.ansible.com/projects/ansible/devel/", "../ansible_devel.inv"),
}

default_role = "any"
# Every reference must resolve: the build fails on a broken one (sphinx-build -W).
nitpicky = True
