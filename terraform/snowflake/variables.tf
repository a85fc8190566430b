# ---------------------------------------------------------------------------
# Object names
# ---------------------------------------------------------------------------

variable "database_name" {
  description = "Database the pipeline writes into (SNOWFLAKE_DATABASE)."
  type        = string
  default     = "SNOWPIPE_CDC"
}

variable "schema_name" {
  description = "Schema in which the pipeline creates its tables, streams, tasks and dynamic tables (SNOWFLAKE_SCHEMA). PUBLIC is adopted (ALTERed, not re-created) by snowflake_schema."
  type        = string
  default     = "PUBLIC"
}

variable "warehouse_name" {
  description = "Warehouse the pipeline's tasks and dynamic tables run on (SNOWFLAKE_WAREHOUSE)."
  type        = string
  default     = "SNOWPIPE_CDC_WH"
}

variable "warehouse_size" {
  description = "Warehouse size. Provider-accepted values include XSMALL/X-SMALL, SMALL, MEDIUM, LARGE, ..."
  type        = string
  default     = "XSMALL"
}

variable "warehouse_auto_suspend_seconds" {
  description = "Seconds of inactivity before the warehouse auto-suspends."
  type        = number
  default     = 60
}

variable "role_name" {
  description = "Account role the pipeline uses (SNOWFLAKE_ROLE)."
  type        = string
  default     = "SNOWPIPE_CDC"
}

variable "parent_role_name" {
  description = "Role that inherits the pipeline role (role hierarchy). Set to null to skip this grant."
  type        = string
  default     = "SYSADMIN"
}

variable "user_name" {
  description = "Service user (TYPE = SERVICE) the pipeline logs in as (SNOWFLAKE_USER)."
  type        = string
  default     = "SNOWPIPE_CDC"
}

# ---------------------------------------------------------------------------
# Key-pair authentication
# ---------------------------------------------------------------------------

variable "rsa_public_key" {
  description = "RSA public key of the service user: the base64 body of the PEM public key on ONE line, without the -----BEGIN/END PUBLIC KEY----- header and trailer (provider requirement)."
  type        = string

  validation {
    condition     = length(trimspace(var.rsa_public_key)) > 0 && !strcontains(var.rsa_public_key, "-----") && !strcontains(var.rsa_public_key, "\n")
    error_message = "rsa_public_key must be the single-line base64 body of the public key, without header/trailer lines and without newlines."
  }
}

variable "rsa_public_key_2" {
  description = "Optional second RSA public key, for zero-downtime key rotation. Same format as rsa_public_key."
  type        = string
  default     = null

  validation {
    condition     = var.rsa_public_key_2 == null || (!strcontains(coalesce(var.rsa_public_key_2, "x"), "-----") && !strcontains(coalesce(var.rsa_public_key_2, "x"), "\n"))
    error_message = "rsa_public_key_2 must be a single-line base64 key body without header/trailer, or null."
  }
}

# ---------------------------------------------------------------------------
# Privileges (defaults = what snowpipe-cdc needs; extend if the pipeline grows)
# ---------------------------------------------------------------------------

variable "schema_privileges" {
  description = "Privileges granted to the role on the schema. Objects the pipeline creates are owned by its role, so no further grants on them are needed."
  type        = list(string)
  default = [
    "USAGE",
    "CREATE TABLE",
    "CREATE STREAM",
    "CREATE TASK",
    "CREATE DYNAMIC TABLE",
    "CREATE VIEW",
  ]
}

variable "warehouse_privileges" {
  description = "Privileges granted to the role on the warehouse (USAGE is enough for tasks and dynamic-table refreshes; auto_resume does the rest)."
  type        = list(string)
  default     = ["USAGE"]
}

variable "account_privileges" {
  description = "Global privileges granted to the role. EXECUTE TASK is required to resume/run tasks the role owns."
  type        = list(string)
  default     = ["EXECUTE TASK"]
}

# ---------------------------------------------------------------------------
# Only used to compute outputs (Terraform cannot read the provider's env vars)
# ---------------------------------------------------------------------------

variable "organization_name" {
  description = "Snowflake organization name (same value as SNOWFLAKE_ORGANIZATION_NAME). Optional; used only to build the snowflake_url output."
  type        = string
  default     = null
}

variable "account_name" {
  description = "Snowflake account name (same value as SNOWFLAKE_ACCOUNT_NAME). Optional; used only to build the snowflake_url output."
  type        = string
  default     = null
}

variable "comment" {
  description = "Comment set on every object this module creates."
  type        = string
  default     = "Managed by Terraform for snowpipe-cdc (PostgreSQL CDC -> Snowpipe Streaming)"
}
