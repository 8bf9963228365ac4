"""The script a QA engineer would write instead of the inspector: walk a folder of samples, verify
each HS256 JWT with PyJWT and each Rox.Chat visitor with hmac, count the verified ones.

    python3 pyjwt_batch.py FOLDER RINGCX_SECRET ROXCHAT_SECRET

Prints one JSON line: {"verified": n, "total": n, "maxRssMb": n}.
"""
import hashlib
import hmac
import json
import os
import resource
import sys

import jwt

folder, ringcx_secret, roxchat_secret = sys.argv[1:4]
roxchat_key = roxchat_secret.encode()
verified = total = 0
for directory, _, names in os.walk(folder):
    for name in names:
        if not name.endswith('.json'):
            continue
        with open(os.path.join(directory, name), 'rb') as handle:
            payload = json.loads(handle.read())['payload']
        total += 1
        if isinstance(payload, str):
            try:
                claims = jwt.decode(payload, ringcx_secret, algorithms=['HS256'], leeway=10)
                verified += 'uuid' in claims
            except jwt.PyJWTError:
                pass
        else:
            fields = payload['fields']
            message = ''.join(fields[key] for key in sorted(fields)) + str(payload['expires'])
            digest = hmac.new(roxchat_key, message.encode(), hashlib.sha256).hexdigest()
            verified += hmac.compare_digest(digest, payload['hash'])
max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({'verified': verified, 'total': total, 'maxRssMb': max_rss_mb}))
