"""Threat feeds the user downloads (OpenPhish and URLhaus text or CSV, PhishTank CSV, or any
list with one URL, domain or IP per line): links, their hosts and IPs are matched against
them. Nothing is downloaded here."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..parse.domains import is_ip, parent_domains


def _norm_url(url: str) -> str:
    return url.strip().split("#", 1)[0].rstrip("/").lower()


@dataclass
class Feeds:
    urls: dict[str, str] = field(default_factory=dict)
    hosts: dict[str, str] = field(default_factory=dict)
    ips: dict[str, str] = field(default_factory=dict)

    def add(self, entry: str, source: str) -> None:
        entry = entry.strip().strip('"')
        if not entry or entry.startswith("#"):
            return
        if "://" in entry:
            self.urls.setdefault(_norm_url(entry), source)
            return
        if is_ip(entry):
            self.ips.setdefault(entry, source)
        elif "." in entry and " " not in entry and "/" not in entry:
            self.hosts.setdefault(entry.lower().rstrip("."), source)

    def match_url(self, url: str) -> tuple[str, str] | None:
        """(what matched, feed file) for a URL, its host or a parent domain of the host."""
        hit = self.urls.get(_norm_url(url))
        if hit:
            return url, hit
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            return None
        if host in self.ips:
            return host, self.ips[host]
        for parent in parent_domains(host, 2):
            if parent in self.hosts:
                return parent, self.hosts[parent]
        return None

    def match_ip(self, ip: str) -> str | None:
        return self.ips.get(ip)

    def __len__(self) -> int:
        return len(self.urls) + len(self.hosts) + len(self.ips)


def load_feeds(paths: list[Path] | tuple[Path, ...]) -> Feeds:
    feeds = Feeds()
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix.lower() == ".csv" or text[:4096].count(",") > text[:4096].count("\n"):
            for row in csv.reader(io.StringIO("\n".join(ln for ln in text.splitlines() if not ln.startswith("#")))):
                for cell in row:
                    if "://" in cell:
                        feeds.add(cell, path.name)
        else:
            for line in text.splitlines():
                feeds.add(line.split()[0] if line.split() else "", path.name)
    return feeds
