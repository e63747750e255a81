"""The search index: one entry per searchable record, and the trigrams of its searched fields.

Substring search ("contains") cannot use a B-tree on the fields themselves; trigram postings can. Postings
carry the record's rank and id (the result order) and whether its customer is Open, so a three-letter term
is answered from one index range, already in result order, and a longer term from the postings of its two
rarest trigrams, checked with LIKE against the entry's text.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, SmallInteger, String
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import Mapped, mapped_column

from omnicrm.db import Base

# Lower-cased text compared byte for byte: fast LIKE, and no accent folding that the trigrams would not share.
BinaryText = String(700).with_variant(mysql.VARCHAR(700, charset="utf8mb4", collation="utf8mb4_bin"), "mysql")
BinaryGram = String(3).with_variant(mysql.VARCHAR(3, charset="utf8mb4", collation="utf8mb4_bin"), "mysql")


class SearchEntry(Base):
    __tablename__ = "search_entry"

    entity_rank: Mapped[int] = mapped_column(SmallInteger, primary_key=True)  # 0 customer, 1 contact, 2 site
    entity_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.customer_id"), index=True)
    customer_open: Mapped[bool] = mapped_column(Boolean)  # its customer's status is Open (or it has none)
    name: Mapped[str] = mapped_column(String(255))
    haystack: Mapped[str] = mapped_column(BinaryText)  # lower-cased searched fields, separated by \x1f


class SearchGram(Base):
    __tablename__ = "search_gram"
    __table_args__ = (Index("ix_search_gram_entity", "entity_rank", "entity_id"),)

    gram: Mapped[str] = mapped_column(BinaryGram, primary_key=True)
    customer_open: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    entity_rank: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    entity_id: Mapped[int] = mapped_column(Integer, primary_key=True)
