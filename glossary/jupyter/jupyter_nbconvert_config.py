# nbconvert's settings for the walkthrough, beside jupyter_nbconvert_config.json (Jupyter reads both from the
# folder glossary/mkdocs_hooks.py puts on JUPYTER_CONFIG_PATH). Here: the folder of templates that replace
# two of nbconvert's macros, searched before nbconvert's own. A path relative to this file needs Python. Set on
# HTMLExporter: mkdocs-jupyter replaces the whole TemplateExporter section of the configuration with its own.
import os

c = get_config()  # noqa: F821 - given by traitlets when it runs this file
c.HTMLExporter.extra_template_basedirs = [os.path.join(os.path.dirname(__file__), "templates")]
