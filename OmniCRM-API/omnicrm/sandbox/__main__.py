"""`python -m omnicrm.sandbox`: run the OCS, HSS and SMSC simulators together (see `launch.py`)."""

from omnicrm.sandbox.launch import main

main()
