"""The search index: one entry per searchable record, and the trigrams of its searched fields.

Substring search ("contains") cannot use a B-tree on the fields themselves; a trigram posting list can: the
rarest trigrams of the term give a few candidates, which are then checked with LIKE against the entry's text.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, SmallInteger, String, UniqueConstraint
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import Mapped, mapped_column

from omnicrm.db import Base

# Lower-cased text compared byte for byte: fast LIKE, and no accent folding that the trigrams would not share.
BinaryText = String(700).with_variant(mysql.VARCHAR(700, charset="utf8mb4", collation="utf8mb4_bin"), "mysql")
BinaryGram = String(3).with_variant(mysql.VARCHAR(3, charset="utf8mb4", collation="utf8mb4_bin"), "mysql")


class SearchEntry(Base):
    __tablename__ = "search_entry"
    __table_args__ = (UniqueConstraint("entity_rank", "entity_id"),)

    entry_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_rank: Mapped[int] = mapped_column(SmallInteger)  # 0 customer, 1 contact, 2 site: the result order
    entity_id: Mapped[int] = mapped_column(Integer)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.customer_id", ondelete="CASCADE"), index=True)
    customer_open: Mapped[bool] = mapped_column(Boolean, default=True)  # the customer's status is Open (or no customer)
    name: Mapped[str] = mapped_column(String(255))
    haystack: Mapped[str] = mapped_column(BinaryText)  # lower-cased searched fields, separated by \x1f


class SearchGram(Base):
    __tablename__ = "search_gram"

    gram: Mapped[str] = mapped_column(BinaryGram, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("search_entry.entry_id", ondelete="CASCADE"), primary_key=True, index=True)
