terraform {
  # >= 1.5 because variables.tf uses strcontains(); the provider itself is served over
  # plugin protocol 6 (tf6muxserver in main.go), which needs Terraform >= 1.0.
  required_version = ">= 1.5.0"

  required_providers {
    snowflake = {
      # Registry namespace moved from Snowflake-Labs/snowflake to snowflakedb/snowflake (SNOWFLAKEDB_MIGRATION.md).
      source = "snowflakedb/snowflake"
      # Verified against the provider source/docs at tag v2.20.0 (newest release found).
      version = "~> 2.20"
    }
  }
}
