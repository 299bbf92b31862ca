"""All WordprocessingML XML knowledge fpdocs has: namespaces, content controls (build, finish,
read), and a parser that refuses external entities. Nothing outside this package and
``readers/docx.py`` touches w: elements."""
