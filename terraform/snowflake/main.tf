# Account-level objects for snowpipe-cdc.
# Resource types/attributes checked against snowflakedb/terraform-provider-snowflake v2.20.0
# (docs/resources/*.md and pkg/resources/*.go). No provider block here on purpose: the root
# module (or the implicit empty provider config) is configured from SNOWFLAKE_* env vars.

locals {
  # Identifier the provider uses for schema-level grants: "DB"."SCHEMA".
  schema_fqn = snowflake_schema.this.fully_qualified_name
}

# ---------------------------------------------------------------------------
# Database + schema
# ---------------------------------------------------------------------------

resource "snowflake_database" "this" {
  name    = var.database_name
  comment = var.comment
}

# Managed with snowflake_schema even when the name is PUBLIC: the provider's create
# path (pkg/resources/schema.go, CreateContextSchema) checks for an existing PUBLIC
# schema and ALTERs it instead of failing with "already exists". This gives one code
# path for PUBLIC and custom schemas, a fully_qualified_name for the grants and an
# explicit dependency order (database -> schema -> grants).
resource "snowflake_schema" "this" {
  database = snowflake_database.this.name
  name     = var.schema_name
  comment  = var.comment
}

# ---------------------------------------------------------------------------
# Warehouse (tasks + dynamic-table refreshes run here)
# ---------------------------------------------------------------------------

resource "snowflake_warehouse" "this" {
  name                = var.warehouse_name
  warehouse_size      = var.warehouse_size
  auto_suspend        = var.warehouse_auto_suspend_seconds
  auto_resume         = "true" # String-typed in the provider: "true" | "false"
  initially_suspended = true
  comment             = var.comment
}

# ---------------------------------------------------------------------------
# Role + privileges
# ---------------------------------------------------------------------------

resource "snowflake_account_role" "this" {
  name    = var.role_name
  comment = var.comment
}

resource "snowflake_grant_privileges_to_account_role" "database_usage" {
  account_role_name = snowflake_account_role.this.name
  privileges        = ["USAGE"]
  on_account_object {
    object_type = "DATABASE"
    object_name = snowflake_database.this.name
  }
}

# Explicit privileges instead of OWNERSHIP of the schema: the pipeline owns every
# object it creates (tables, streams, tasks, dynamic tables, views) and therefore has
# full control of them, but it cannot drop/alter the schema, change its managed-access
# mode or grant on it, and Terraform's role keeps owning what Terraform manages.
resource "snowflake_grant_privileges_to_account_role" "schema" {
  account_role_name = snowflake_account_role.this.name
  privileges        = var.schema_privileges
  on_schema {
    schema_name = local.schema_fqn
  }
}

resource "snowflake_grant_privileges_to_account_role" "warehouse" {
  account_role_name = snowflake_account_role.this.name
  privileges        = var.warehouse_privileges
  on_account_object {
    object_type = "WAREHOUSE"
    object_name = snowflake_warehouse.this.name
  }
}

resource "snowflake_grant_privileges_to_account_role" "account" {
  account_role_name = snowflake_account_role.this.name
  privileges        = var.account_privileges
  on_account        = true
}

# Role hierarchy: SYSADMIN (and thus ACCOUNTADMIN) inherits the pipeline role, so
# administrators can see and manage the objects the pipeline creates.
resource "snowflake_grant_account_role" "to_parent" {
  count            = var.parent_role_name == null ? 0 : 1
  role_name        = snowflake_account_role.this.name
  parent_role_name = var.parent_role_name
}

# ---------------------------------------------------------------------------
# Service user (TYPE = SERVICE: key-pair / OAuth only, no password, no MFA)
# ---------------------------------------------------------------------------

resource "snowflake_service_user" "this" {
  name    = var.user_name
  comment = var.comment

  default_role                   = snowflake_account_role.this.name
  default_warehouse              = snowflake_warehouse.this.name
  default_namespace              = "${snowflake_database.this.name}.${snowflake_schema.this.name}"
  default_secondary_roles_option = "NONE" # objects must be created under the primary role only

  rsa_public_key   = var.rsa_public_key
  rsa_public_key_2 = var.rsa_public_key_2
}

# default_role does NOT grant the role (provider docs); this does.
resource "snowflake_grant_account_role" "to_user" {
  role_name = snowflake_account_role.this.name
  user_name = snowflake_service_user.this.name
}
