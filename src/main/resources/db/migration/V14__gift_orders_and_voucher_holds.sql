-- Physical gifts are orders that operators ship; vouchers can be held by a till during a checkout.

CREATE TABLE gift_order (
    id               UUID          PRIMARY KEY,
    tenant_id        UUID          NOT NULL,
    redemption_id    UUID          NOT NULL REFERENCES redemption (id),
    reward_id        UUID          NOT NULL REFERENCES reward (id),
    member_id        UUID          NOT NULL,
    quantity         INTEGER       NOT NULL CHECK (quantity > 0),
    status           VARCHAR(16)   NOT NULL,     -- ORDERED, SHIPPED, DELIVERED, CANCELLED
    shipping         VARCHAR(2000) NOT NULL,     -- JSON: the address the member gave
    carrier          VARCHAR(64),
    tracking_number  VARCHAR(100),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX gift_order_by_status ON gift_order (tenant_id, status, created_at, id);
CREATE INDEX gift_order_by_member ON gift_order (tenant_id, member_id, created_at);

-- A till holding a voucher during a checkout: others cannot use or cancel it until held_until, or until released.
ALTER TABLE voucher ADD COLUMN hold_id UUID;
ALTER TABLE voucher ADD COLUMN held_until TIMESTAMP WITH TIME ZONE;

-- A cashback credit redemption: the units it credited in the cashback program.
ALTER TABLE redemption ADD COLUMN credit_program_id UUID;
ALTER TABLE redemption ADD COLUMN credit_units BIGINT;

-- A stamps program's automatic reward: issued by itself when a member's card is full.
ALTER TABLE reward ADD COLUMN automatic BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX reward_automatic ON reward (tenant_id, program_id, automatic);

-- The voucher expiry job's look-up across tenants: issued vouchers by expiry.
CREATE INDEX voucher_due ON voucher (status, expires_at);
