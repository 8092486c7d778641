"""The LRS side of the xAPI and cmi5 browser tests: a real LRS (Learning Locker's xapi-statements, in
memory, on loopback), the statement validators (Learning Locker's and Ralph's), and a small LMS that
launches packages the Tin Can or the cmi5 way and offers the State API."""
