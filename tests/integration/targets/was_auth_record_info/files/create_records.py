# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Create COUNT authentication records through the simulator's API, so that a listing needs more than one page.

Usage: create_records.py API_URL COUNT

A module task per record would take minutes; plain HTTP takes about a second per thousand. The records go
through the real create operation, so the listing that follows pages over records the server made.
"""

import base64
import sys
import urllib.request

# The simulator's privileged fixture user. Kept here, not on the command line, so that no log shows it.
CREDENTIALS = base64.b64encode(b"admin:admin-pass").decode()
REQUEST = (
    "<ServiceRequest><data><WebAppAuthRecord><name>Paging record %04d</name></WebAppAuthRecord></data></ServiceRequest>"
)


def main(api_url, count):
    url = api_url.rstrip("/") + "/qps/rest/3.0/create/was/webappauthrecord"
    headers = {"Authorization": "Basic " + CREDENTIALS, "Content-Type": "text/xml"}
    for number in range(count):
        request = urllib.request.Request(url, data=(REQUEST % number).encode(), headers=headers)
        with urllib.request.urlopen(request) as response:
            body = response.read()
        if b"<responseCode>SUCCESS</responseCode>" not in body:
            sys.exit("create %d failed: %s" % (number, body.decode("utf-8", "replace")))
    print("created %d records" % count)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
