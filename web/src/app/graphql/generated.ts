/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentNode } from 'graphql';
import { Injectable } from '@angular/core';
import * as Apollo from 'apollo-angular';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format. */
  DateTime: { input: string; output: string; }
};

/** Reachability of the services the API depends on */
export type Health = {
  __typename?: 'Health';
  /** ISO time of the check */
  checkedAt: Scalars['DateTime']['output'];
  /** True when every dependency answered */
  ok: Scalars['Boolean']['output'];
  services: Array<ServiceHealth>;
};

export type Query = {
  __typename?: 'Query';
  health: Health;
};

/** One dependency's reachability */
export type ServiceHealth = {
  __typename?: 'ServiceHealth';
  /** Error message when the service did not answer */
  error?: Maybe<Scalars['String']['output']>;
  /** Round-trip time of the probe in milliseconds */
  latencyMs: Scalars['Float']['output'];
  /** postgres, temporal or s3 */
  name: Scalars['String']['output'];
  up: Scalars['Boolean']['output'];
};

export type HealthQueryVariables = Exact<{ [key: string]: never; }>;


export type HealthQuery = { health: { ok: boolean, checkedAt: string, services: Array<{ name: string, up: boolean, latencyMs: number, error: string | null }> } };

export const HealthDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}},{"kind":"Field","name":{"kind":"Name","value":"services"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"up"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class HealthGQL extends Apollo.Query<HealthQuery, HealthQueryVariables> {
    override document = HealthDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }