"""`flask --app app contaazul check`: a live contract check of Conta Azul's API against what Azulejo
relies on (`expectations`), run on a real app before going live and on the stand-in in CI."""
