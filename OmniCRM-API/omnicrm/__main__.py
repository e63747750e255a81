from omnicrm.cli import main

main(prog_name="omnicrm")
