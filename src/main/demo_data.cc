// The sample schema and rows of `zijin demo`.
#include "main/commands.h"

namespace zijin::main {

const char* DemoSchemaSql() {
  return R"sql(
CREATE SCHEMA IF NOT EXISTS demo;
CREATE TABLE IF NOT EXISTS demo.customers (
  id integer PRIMARY KEY,
  name text NOT NULL,
  city varchar(40),
  joined date NOT NULL DEFAULT current_date
);
CREATE TABLE IF NOT EXISTS demo.products (
  id integer PRIMARY KEY,
  name text NOT NULL UNIQUE,
  price numeric(10,2) NOT NULL CHECK (price >= 0),
  stock integer NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS demo.orders (
  id bigserial PRIMARY KEY,
  customer_id integer NOT NULL,
  product_id integer NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  ordered_at timestamp NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_customer_idx ON demo.orders (customer_id);
INSERT INTO demo.customers (id, name, city, joined) VALUES
  (1, 'Li Wei', 'Shenzhen', '2024-03-01'),
  (2, 'Ana Souza', 'Lisbon', '2024-05-17'),
  (3, 'Kofi Mensah', 'Accra', '2025-01-09'),
  (4, 'Mia Schulz', 'Berlin', '2025-06-30')
ON CONFLICT DO NOTHING;
INSERT INTO demo.products (id, name, price, stock) VALUES
  (1, 'green tea', 4.50, 120),
  (2, 'porcelain cup', 12.00, 40),
  (3, 'bamboo tray', 25.90, 15),
  (4, 'tea kettle', 39.00, 8)
ON CONFLICT DO NOTHING;
INSERT INTO demo.orders (customer_id, product_id, quantity, ordered_at)
SELECT v.c, v.p, v.q, v.t::timestamp
FROM (VALUES (1, 1, 3, '2025-07-01 10:00'), (1, 2, 1, '2025-07-01 10:00'),
             (2, 3, 2, '2025-07-03 16:30'), (3, 1, 10, '2025-07-04 09:15'),
             (4, 4, 1, '2025-07-05 12:00')) AS v(c, p, q, t)
WHERE NOT EXISTS (SELECT 1 FROM demo.orders);
)sql";
}

}  // namespace zijin::main
