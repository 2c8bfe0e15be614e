"""What Conta Azul does with each kind of record: parse and check input, store, filter, present.

Records are plain dicts holding typed values (Decimal, date, datetime); presenters turn them into
the JSON shapes of the API. Routes stay thin and call these functions.
"""
