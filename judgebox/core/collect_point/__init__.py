"""The coordinator's collection point on the room's network (docs/trust.md, "On the room's network").

Jurors' laptops hand their signed files to the desk over the room's Wi-Fi, with no
internet: TLS with a key made when the point opens, pinned by the coordinator's
signature over it (the key that signed the event package) and by the pairing
code shown on the desk. The desk checks every file exactly as a file dropped on it.
"""
