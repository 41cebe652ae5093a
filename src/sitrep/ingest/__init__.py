"""Ingest stage: sources → cleaned :class:`~sitrep.models.Document` (or a Rejection).

::

    read_sources(paths)          files.py: walk paths, dispatch on the extension (or URL)
      ├── .txt (+ NAME.meta.json)  text.py
      ├── .html / .htm             html.py (trafilatura: main text, title, date, site)
      ├── .jsonl                   jsonl.py (one article a line)
      ├── .warc / .warc.gz         warc.py (warcio: HTML responses, record by record)
      ├── .rss / .atom / .xml      feeds.py (feedparser: each entry's link is fetched)
      └── http(s)://…, NAME.urls   urls.py (a page, or a feed whose entries are fetched)
            fetching               fetch.py (httpx: robots.txt, per-host pace, size and time
                                   limits, bounded redirects) + netguard.py (SSRF guard)
    make_document(...)           document.py: clean, detect language, stable id
    document_from_page(...)      pages.py: a web page with fallback title/date (WARC, feeds)
    measure(paths) -> Meter      extent.py: how much input there is, counted up front without
                                 parsing (documents, else bytes of local files), for progress

Bad input is data, not a crash: each yields a :class:`~sitrep.models.Rejection` with a one-line
message naming the file (and line, byte offset or URL), and the rest of the batch goes on.
Everything streams: a directory is walked lazily, a JSONL or URL list is read line by line and
a WARC record by record.
"""

from .document import Overrides, make_document
from .extent import Meter, measure
from .fetch import Fetcher
from .files import read_sources
from .netguard import AddressPolicy

__all__ = ["AddressPolicy", "Fetcher", "Meter", "Overrides", "make_document", "measure", "read_sources"]
