"""Policy formulas, one module per concept; each registers its metrics with `@formula(id)`."""
