"""Simulators of the network elements (CGRateS OCS, PyHSS HSS, SMSC) and of Mailjet, speaking their real wire
protocols.

Used by the demo launcher and by the tests only; production configuration never points at them, and no product
module imports this package. Each simulator is a plain Flask app built by `create_app()` in its own module, keeps
its state in memory, and exposes a test control API under `/sandbox/...` (see `server.Controls`).
"""
