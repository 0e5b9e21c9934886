-- Interactions: every touchpoint of a customer with the business, the product catalogue the
-- purchase lines refer to, and the per-customer figures kept current as interactions arrive.

CREATE TABLE product
(
  sku        TEXT PRIMARY KEY CHECK (length(sku) BETWEEN 1 AND 64),
  name       TEXT        NOT NULL,
  category   TEXT,
  active     BOOLEAN     NOT NULL DEFAULT TRUE,
  updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX product_category_idx ON product (category);

-- customer_id has no foreign key to the customer memory's table (modules own their tables, ADR 0002);
-- the customer is resolved through the Customers front door before an interaction is written.

-- One touchpoint. Kinds owned by later modules (service requests, surveys, campaign contacts)
-- keep their details in their own tables and point back here with reference_id; attributes
-- hold free, source-specific fields.
-- The idempotency key is unique per source system: a retry (API, batch or a re-run import)
-- with the same key finds the original row instead of writing a second one.
CREATE TABLE interaction
(
  id                  UUID PRIMARY KEY,
  customer_id         UUID          NOT NULL,
  kind                TEXT          NOT NULL CHECK (kind IN ('PURCHASE', 'RETURN', 'VISIT', 'CALL', 'EMAIL', 'WEB',
                                                            'SERVICE_REQUEST', 'SURVEY_ANSWER', 'CAMPAIGN_CONTACT')),
  channel             TEXT          NOT NULL,
  occurred_at         TIMESTAMPTZ   NOT NULL,
  recorded_at         TIMESTAMPTZ   NOT NULL,
  source_system       TEXT          NOT NULL,
  external_id         TEXT,
  idempotency_key     TEXT,
  outcome             TEXT CHECK (outcome IN ('SERVED', 'REFUSED', 'FAILED', 'NO_ANSWER', 'PENDING')),
  outcome_reason      TEXT,
  direction           TEXT CHECK (direction IN ('INBOUND', 'OUTBOUND')),
  order_reference     TEXT,
  total               NUMERIC(14, 2),
  currency            CHAR(3),
  store               TEXT,
  staff_id            UUID,
  related_purchase_id UUID REFERENCES interaction (id),
  reference_id        UUID,
  attributes          JSONB         NOT NULL DEFAULT '{}',
  CHECK ((total IS NULL) = (currency IS NULL)),
  CHECK (kind <> 'RETURN' OR related_purchase_id IS NOT NULL)
);
-- The timeline read: one customer, newest first, keyset on (occurred_at, id).
CREATE INDEX interaction_timeline_idx ON interaction (customer_id, occurred_at DESC, id DESC);
-- Idempotency: also the arbiter of INSERT ... ON CONFLICT for the API and for COPY-then-merge imports.
CREATE UNIQUE INDEX interaction_idempotency_idx ON interaction (source_system, idempotency_key);
-- Returns of a purchase, and purchases by their order number within a source.
CREATE INDEX interaction_related_purchase_idx ON interaction (related_purchase_id) WHERE related_purchase_id IS NOT NULL;
CREATE INDEX interaction_order_idx ON interaction (source_system, order_reference) WHERE order_reference IS NOT NULL;

-- A purchase or return line. For a return, purchase_line_no names the line of the related
-- purchase that came back.
CREATE TABLE interaction_line
(
  interaction_id   UUID           NOT NULL REFERENCES interaction (id),
  line_no          INT            NOT NULL CHECK (line_no > 0),
  sku              TEXT           NOT NULL REFERENCES product (sku),
  category         TEXT,
  quantity         NUMERIC(12, 3) NOT NULL CHECK (quantity > 0),
  unit_price       NUMERIC(14, 2) NOT NULL CHECK (unit_price >= 0),
  discount         NUMERIC(14, 2) NOT NULL DEFAULT 0 CHECK (discount >= 0),
  amount           NUMERIC(14, 2) NOT NULL,
  purchase_line_no INT,
  PRIMARY KEY (interaction_id, line_no)
);
CREATE INDEX interaction_line_sku_idx ON interaction_line (sku);

-- Per-customer figures, kept current in the transaction that records an interaction.
-- Revenue and the average basket are in the installation's business currency
-- (rapport.interactions.business-currency); last_contact maps channel -> last instant.
CREATE TABLE customer_figures
(
  customer_id       UUID PRIMARY KEY,
  first_purchase_at TIMESTAMPTZ,
  last_purchase_at  TIMESTAMPTZ,
  purchases         INT            NOT NULL DEFAULT 0,
  revenue           NUMERIC(16, 2) NOT NULL DEFAULT 0,
  returns           INT            NOT NULL DEFAULT 0,
  returned_amount   NUMERIC(16, 2) NOT NULL DEFAULT 0,
  average_basket    NUMERIC(14, 2),
  last_contact      JSONB          NOT NULL DEFAULT '{}',
  updated_at        TIMESTAMPTZ    NOT NULL
);
