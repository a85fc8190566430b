locals {
  # Preferred account identifier form <org>-<account>. In host names Snowflake accepts a
  # hyphen in place of an underscore in the account name; the hyphen form avoids TLS /
  # host-name problems in some clients.
  account_identifier = (var.organization_name == null || var.account_name == null) ? null : lower("${var.organization_name}-${replace(var.account_name, "_", "-")}")
  snowflake_url      = local.account_identifier == null ? null : "https://${local.account_identifier}.snowflakecomputing.com"
}

output "account_identifier" {
  description = "<org>-<account>, or null when organization_name/account_name are not set."
  value       = local.account_identifier
}

output "snowflake_url" {
  description = "SNOWFLAKE_URL for the pipeline, or null when organization_name/account_name are not set."
  value       = local.snowflake_url
}

output "user" {
  description = "SNOWFLAKE_USER"
  value       = snowflake_service_user.this.name
}

output "role" {
  description = "SNOWFLAKE_ROLE"
  value       = snowflake_account_role.this.name
}

output "database" {
  description = "SNOWFLAKE_DATABASE"
  value       = snowflake_database.this.name
}

output "schema" {
  description = "SNOWFLAKE_SCHEMA"
  value       = snowflake_schema.this.name
}

output "warehouse" {
  description = "SNOWFLAKE_WAREHOUSE"
  value       = snowflake_warehouse.this.name
}

output "schema_fully_qualified_name" {
  description = "\"DB\".\"SCHEMA\" as the provider renders it."
  value       = snowflake_schema.this.fully_qualified_name
}

output "pipeline_env" {
  description = "Environment for snowpipe-cdc, minus SNOWFLAKE_PRIVATE_KEY_FILE (the private key never passes through Terraform)."
  value = {
    SNOWFLAKE_URL       = local.snowflake_url
    SNOWFLAKE_USER      = snowflake_service_user.this.name
    SNOWFLAKE_ROLE      = snowflake_account_role.this.name
    SNOWFLAKE_DATABASE  = snowflake_database.this.name
    SNOWFLAKE_SCHEMA    = snowflake_schema.this.name
    SNOWFLAKE_WAREHOUSE = snowflake_warehouse.this.name
  }
}
