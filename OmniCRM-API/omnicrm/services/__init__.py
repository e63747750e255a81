"""Services: a product alive on the network for one customer (spec 04, 03 §2.3, 06, 08)."""
