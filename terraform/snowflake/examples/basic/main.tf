# Example root module calling ../../ with an explicit provider block.
# Provider credentials still come from SNOWFLAKE_* env vars (see the module README).
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    snowflake = {
      source  = "snowflakedb/snowflake"
      version = "~> 2.20"
    }
  }
}

provider "snowflake" {
  # organization_name, account_name, user, authenticator, private_key, role
  # are read from SNOWFLAKE_ORGANIZATION_NAME, SNOWFLAKE_ACCOUNT_NAME, SNOWFLAKE_USER,
  # SNOWFLAKE_AUTHENTICATOR, SNOWFLAKE_PRIVATE_KEY, SNOWFLAKE_ROLE.
}

variable "organization_name" {
  type = string
}

variable "account_name" {
  type = string
}

variable "rsa_public_key" {
  type = string
}

module "snowpipe_cdc" {
  source = "../.."

  organization_name = var.organization_name
  account_name      = var.account_name
  rsa_public_key    = var.rsa_public_key
}

output "pipeline_env" {
  value = module.snowpipe_cdc.pipeline_env
}
