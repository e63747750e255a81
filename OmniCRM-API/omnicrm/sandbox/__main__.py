"""`python -m omnicrm.sandbox`: run the OCS, HSS, SMSC and Mailjet simulators together (see `launch.py`)."""

from omnicrm.sandbox.launch import main

main()
