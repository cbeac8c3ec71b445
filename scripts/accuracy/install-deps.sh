#!/usr/bin/env bash
# Debian packages the accuracy corpus needs (scripts/accuracy/run.sh), on top of the build's own:
#   python3-gi gir1.2-pango-1.0 python3-gi-cairo  pango+cairo from the system python: PDFs with
#                                                  shaped Thai and a real text layer (ToUnicode)
#   fonts-thai-tlwg                                Laksaman/Loma/Garuda for those PDFs
#   nginx-light curl                               serving the generated sites on 127.0.0.1
# No LibreOffice: DOCX/XLSX are written as zipped XML by render.py.
set -euo pipefail
apt-get install -y --no-install-recommends python3-gi gir1.2-pango-1.0 python3-gi-cairo fonts-thai-tlwg nginx-light curl
