-- The catalogue of datamarts and regions a scope can name, and each user's scope.
-- A user with no rows in user_regions (or user_datamarts) is global in that dimension.
CREATE TABLE datamarts (
    code         VARCHAR(100) PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    description  TEXT,
    warehouse    VARCHAR(32) NOT NULL
);

CREATE TABLE regions (
    code       VARCHAR(8) PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    territory  VARCHAR(100) NOT NULL,
    currency   VARCHAR(3)
);

CREATE TABLE user_datamarts (
    user_id        UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    datamart_code  VARCHAR(100) NOT NULL REFERENCES datamarts (code),
    PRIMARY KEY (user_id, datamart_code)
);

CREATE TABLE user_regions (
    user_id      UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    region_code  VARCHAR(8) NOT NULL REFERENCES regions (code),
    PRIMARY KEY (user_id, region_code)
);
