import { lazy } from 'react';
import { Route } from 'react-router-dom';
import ChangePasswordPage from '../shared/auth/ChangePasswordPage';
import LoginPage from '../shared/auth/LoginPage';
import RequirePermission from '../shared/auth/RequirePermission';
import RequireSession from '../shared/auth/RequireSession';
import { config } from '../shared/config';
import StaffLayout from '../shared/layout/StaffLayout';
import ApiKeysPage from './admin/ApiKeysPage';
import EmailTemplatesPage from './admin/EmailTemplatesPage';
import UsersPage from './admin/UsersPage';
import ForgotPasswordPage from './auth/ForgotPasswordPage';
import ResetPasswordPage from './auth/ResetPasswordPage';
import InvoicesPage from './billing/InvoicesPage';
import TransactionsPage from './billing/TransactionsPage';
import CellBroadcastPage from './cellBroadcast/CellBroadcastPage';
import CustomerPage from './customers/CustomerPage';
import CustomersPage from './customers/CustomersPage';
import NewCustomerPage from './customers/NewCustomerPage';
import DashboardPage from './dashboard/DashboardPage';
import { staffNavigation } from './navigation';
import ProfilePage from './profile/ProfilePage';
import SearchPage from './search/SearchPage';

// The catalogue, inventory, provisioning and services pages load when first opened (their own bundle chunk).
const BulkImportPage = lazy(() => import('./inventory/BulkImportPage'));
const InventoryItemsPage = lazy(() => import('./inventory/InventoryItemsPage'));
const InventoryTemplatesPage = lazy(() => import('./inventory/InventoryTemplatesPage'));
const ItemPage = lazy(() => import('./inventory/ItemPage'));
const ProductEditorPage = lazy(() => import('./products/ProductEditorPage'));
const ProductsPage = lazy(() => import('./products/ProductsPage'));
const JobPage = lazy(() => import('./provisioning/JobPage'));
const ProvisioningPage = lazy(() => import('./provisioning/ProvisioningPage'));
const AssignPlanPage = lazy(() => import('./services/assign/AssignPlanPage'));
const AutoRenewalsPage = lazy(() => import('./services/AutoRenewalsPage'));
const ServicePage = lazy(() => import('./services/ServicePage'));
const ServicesPage = lazy(() => import('./services/ServicesPage'));

export const staffRoutes = (
  <>
    <Route path="/login" element={<LoginPage portalName={config.portalName} defaultLanding="/" />} />
    <Route path="/forgot-password" element={<ForgotPasswordPage />} />
    <Route path="/reset-password/:token?" element={<ResetPasswordPage />} />
    <Route element={<RequireSession loginPath="/login" />}>
      <Route path="/change-password" element={<ChangePasswordPage />} />
      <Route element={<StaffLayout navigation={staffNavigation} />}>
        <Route path="/" element={<DashboardPage />} />
        <Route element={<RequirePermission permission="view_customer" />}>
          <Route path="/customers" element={<CustomersPage />} />
          <Route path="/customers/:customerId" element={<CustomerPage />} />
          <Route path="/search" element={<SearchPage />} />
        </Route>
        <Route element={<RequirePermission permission="create_customer" />}>
          <Route path="/customers/new" element={<NewCustomerPage />} />
        </Route>
        <Route element={<RequirePermission permission="view_product" />}>
          <Route path="/products" element={<ProductsPage />} />
          <Route path="/products/:productId" element={<ProductEditorPage />} />
        </Route>
        <Route element={<RequirePermission permission="create_product" />}>
          <Route path="/products/new" element={<ProductEditorPage />} />
        </Route>
        <Route element={<RequirePermission permission="view_provision" />}>
          <Route path="/provisioning" element={<ProvisioningPage />} />
          <Route path="/provisioning/:provisionId" element={<JobPage />} />
        </Route>
        <Route element={<RequirePermission permission="view_customer_service" />}>
          <Route path="/services" element={<ServicesPage />} />
          <Route path="/services/auto-renewals" element={<AutoRenewalsPage />} />
          <Route path="/services/:serviceId" element={<ServicePage />} />
        </Route>
        <Route element={<RequirePermission permission="create_provision" />}>
          <Route path="/services/assign" element={<AssignPlanPage />} />
        </Route>
        <Route element={<RequirePermission permission="view_inventory" />}>
          <Route path="/inventory" element={<InventoryItemsPage />} />
          <Route path="/inventory/items/:inventoryId" element={<ItemPage />} />
        </Route>
        <Route element={<RequirePermission permission="create_inventory" />}>
          <Route path="/inventory/import" element={<BulkImportPage />} />
        </Route>
        <Route element={<RequirePermission permission="view_inventory_template" />}>
          <Route path="/inventory/templates" element={<InventoryTemplatesPage />} />
        </Route>
        <Route path="/billing/transactions" element={<TransactionsPage />} />
        <Route path="/billing/invoices" element={<InvoicesPage />} />
        <Route path="/create-cell-broadcast" element={<CellBroadcastPage />} />
        <Route element={<RequirePermission permission="admin" />}>
          <Route path="/admin/users" element={<UsersPage />} />
          <Route path="/admin/api-keys" element={<ApiKeysPage />} />
          <Route path="/admin/email-templates" element={<EmailTemplatesPage />} />
        </Route>
        <Route path="/profile" element={<ProfilePage />} />
      </Route>
    </Route>
  </>
);
