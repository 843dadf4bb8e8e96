"""The bundled demo environments; installed as ``itmscheck.demo`` so ``itmscheck check`` finds them."""
