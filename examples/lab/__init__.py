"""The bundled demo environments; installed as ``checks.demo`` so ``itmscheck check`` finds them."""
